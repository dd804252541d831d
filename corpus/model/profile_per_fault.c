/*
 * Two exporters whose mapping is settled after mmap: one builds the page protection in its fault
 * handler from where the buffer sits at that moment (as TTM drivers do), so its caching follows
 * the buffer fault by fault; the other hands the vma to its backing shmem file, whose own fault
 * handler finds pages by the offset.
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>

int call_mmap(struct file *file, struct vm_area_struct *vma);
vm_fault_t vmf_insert_pfn_prot(struct vm_area_struct *vma, unsigned long addr, unsigned long pfn,
			       pgprot_t prot);

struct placed_buffer {
	int in_vram;
	unsigned long base_pfn;
	unsigned long npages;
	struct file *shmem;
};

static vm_fault_t placed_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct placed_buffer *b = vma->vm_private_data;
	pgprot_t prot = vma->vm_page_prot;

	if (vmf->pgoff >= b->npages)
		return VM_FAULT_SIGBUS;
	if (b->in_vram)
		prot = pgprot_writecombine(prot);
	return vmf_insert_pfn_prot(vma, vmf->address, b->base_pfn + vmf->pgoff, prot);
}

static const struct vm_operations_struct placed_vm_ops = {
	.fault = placed_fault,
};

static int placed_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP);
	vma->vm_ops = &placed_vm_ops;
	vma->vm_private_data = buf->priv;
	return 0;
}

static const struct dma_buf_ops placed_ops = { /* exporter: mmap=placed_mmap begin=- end=- */
	.mmap = placed_mmap,
};

static int shmem_backed_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct placed_buffer *b = buf->priv;
	int err;

	err = call_mmap(b->shmem, vma);
	if (err)
		return err;
	vma_set_file(vma, b->shmem);
	return 0;
}

static const struct dma_buf_ops shmem_backed_ops = { /* exporter: mmap=shmem_backed_mmap begin=- end=- */
	.mmap = shmem_backed_mmap,
};
