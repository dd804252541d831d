/*
 * The exporter zaps in its own file, at an offset first taken from the fake offset for a log line
 * and then replaced by the buffer's own offset, which is where dma-buf mappings of that file sit.
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>
#include <drm/drm_vma_manager.h>

struct core_object {
	struct file *filp;
	struct drm_vma_offset_node vma_node;
	struct page **pages;
	unsigned long count;
	unsigned long first;
};

static vm_fault_t core_fault(struct vm_fault *vmf)
{
	struct core_object *obj = vmf->vma->vm_private_data;

	if (vmf->pgoff >= obj->count)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, obj->pages[vmf->pgoff]);
}

static const struct vm_operations_struct core_vm_ops = {
	.fault = core_fault,
};

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct core_object *obj = buf->priv;

	vma_set_file(vma, obj->filp);
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = obj;
	vma->vm_ops = &core_vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

void core_shrink(struct core_object *obj)
{
	long long off = drm_vma_node_offset_addr(&obj->vma_node);

	pr_debug("shrinking object at %llx\n", off);
	off = obj->first << PAGE_SHIFT;
	unmap_mapping_range(obj->filp->f_mapping, off, obj->count << PAGE_SHIFT, 1);
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
